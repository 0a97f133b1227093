/**
 * True for a config object: one whose `constructor` is `Object` (a literal,
 * or one made with `Object.create` from another plain object, whose
 * enumerable fields `for...in` visits too), or one without a prototype.
 * The hit path applies the same `constructor` test, so a warm and a cold
 * cache accept and reject alike; a class instance is refused on both.
 * Objects inside a config are judged by `isDataObject` below.
 */
export function isConfigObject(value: object): boolean {
  return (
    (value as { constructor?: unknown }).constructor === Object ||
    Object.getPrototypeOf(value) === null
  );
}

/**
 * The same rule for the objects inside `additionalConfig`, read from the
 * prototype chain instead of the `constructor` field, which is data there
 * (a parsed JSON body may have one): true unless a prototype on the chain
 * belongs to a class (its own `constructor` is a function other than
 * `Object`). Literals, `Object.create` of them and null-prototype objects
 * pass; class instances, Maps and objects of another realm do not.
 */
export function isDataObject(value: object): boolean {
  for (
    let prototype = Object.getPrototypeOf(value);
    prototype !== null && prototype !== Object.prototype;
    prototype = Object.getPrototypeOf(prototype)
  ) {
    const owner: unknown = Object.getOwnPropertyDescriptor(prototype, 'constructor')?.value;
    if (typeof owner === 'function' && owner !== Object) return false;
  }
  return true;
}
