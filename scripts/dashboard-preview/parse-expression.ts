import { UnsupportedQueryError } from './errors.js';

/** A metric math expression, parsed. */
export type Expression =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'reference'; readonly id: string }
  | { readonly kind: 'negate'; readonly operand: Expression }
  | {
      readonly kind: 'binary';
      readonly operator: BinaryOperator;
      readonly left: Expression;
      readonly right: Expression;
    }
  | { readonly kind: 'call'; readonly name: SupportedFunction; readonly argument: Expression };

export type BinaryOperator = '+' | '-' | '*' | '/';

/** The metric math functions the preview evaluates: those the shipped dashboard uses. */
export const SUPPORTED_FUNCTIONS = ['RUNNING_SUM'] as const;
export type SupportedFunction = (typeof SUPPORTED_FUNCTIONS)[number];

const TOKEN_PATTERN = /\s*(?:(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([A-Za-z_]\w*)|([-+*/(),]))/y;
const SUPPORTED = `${SUPPORTED_FUNCTIONS.join(', ')} and the operators + - * /`;

/**
 * Parses the part of CloudWatch metric math the dashboard uses: numbers, metric ids, `+ - * /`
 * with the usual precedence, parentheses, unary minus and `RUNNING_SUM(…)`.
 *
 * @throws UnsupportedQueryError naming the function or text the preview does not evaluate.
 * @example
 * parseExpression('100*hits/(hits+misses)');
 */
export function parseExpression(source: string): Expression {
  const tokens = tokenize(source);
  let position = 0;
  const peek = (): string | undefined => tokens[position];
  const take = (): string | undefined => tokens[position++];
  const fail = (problem: string): never => {
    throw new UnsupportedQueryError(`Metric math "${source}": ${problem}`);
  };
  const expect = (token: string): void => {
    if (take() !== token) fail(`expected "${token}"`);
  };

  const sum = (): Expression => {
    let left = product();
    while (peek() === '+' || peek() === '-') {
      const operator = take() as BinaryOperator;
      left = { kind: 'binary', operator, left, right: product() };
    }
    return left;
  };
  const product = (): Expression => {
    let left = unary();
    while (peek() === '*' || peek() === '/') {
      const operator = take() as BinaryOperator;
      left = { kind: 'binary', operator, left, right: unary() };
    }
    return left;
  };
  const unary = (): Expression => {
    if (peek() !== '-') return primary();
    take();
    return { kind: 'negate', operand: unary() };
  };
  const primary = (): Expression => {
    const token = take();
    if (token === undefined) return fail('ends too early');
    if (token === '(') {
      const inner = sum();
      expect(')');
      return inner;
    }
    if (/^\d/.test(token)) return { kind: 'number', value: Number(token) };
    if (!/^[A-Za-z_]/.test(token)) return fail(`unexpected "${token}"`);
    if (peek() !== '(') return { kind: 'reference', id: token };
    if (!(SUPPORTED_FUNCTIONS as readonly string[]).includes(token)) {
      throw new UnsupportedQueryError(
        `The metric math function ${token} in "${source}" is not supported by the preview; ` +
          `it evaluates ${SUPPORTED}`,
      );
    }
    take();
    const argument = sum();
    if (peek() === ',') fail(`${token} takes one argument`);
    expect(')');
    return { kind: 'call', name: token as SupportedFunction, argument };
  };

  const expression = sum();
  if (position < tokens.length) fail(`unexpected "${tokens[position]}"`);
  return expression;
}

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  TOKEN_PATTERN.lastIndex = 0;
  while (TOKEN_PATTERN.lastIndex < source.trimEnd().length) {
    const at = TOKEN_PATTERN.lastIndex;
    const match = TOKEN_PATTERN.exec(source);
    if (match === null) {
      throw new UnsupportedQueryError(
        `Metric math "${source}": the preview cannot read "${source.slice(at).trim()}"; it ` +
          `evaluates ${SUPPORTED}`,
      );
    }
    tokens.push((match[1] ?? match[2] ?? match[3]) as string);
  }
  return tokens;
}
