import jsep from 'jsep';
import type { TimeSeries } from './aggregate.js';
import { UnsupportedQueryError } from './errors.js';

/** A metric math value: a scalar or a time series. */
export type MathValue = number | TimeSeries;

/** Finds the series behind a metric id (a metric row or another expression). */
export type ResolveSeries = (id: string) => TimeSeries;

/**
 * An expression ready to evaluate against the rows of its widget. `timeline` is every period
 * start of the time range: what `FILL` fills, as CloudWatch fills the query's range.
 */
export type CompiledExpression = (
  resolve: ResolveSeries,
  timeline?: readonly number[],
) => MathValue;

type Evaluate = (resolve: ResolveSeries, timeline: readonly number[]) => MathValue;

type Operation = (left: number, right: number) => number;

// Comparisons give 1 or 0 at each point, as CloudWatch's do.
const OPERATIONS: Readonly<Record<string, Operation>> = {
  '+': (left, right) => left + right,
  '-': (left, right) => left - right,
  '*': (left, right) => left * right,
  '/': (left, right) => left / right,
  '>': (left, right) => Number(left > right),
  '>=': (left, right) => Number(left >= right),
  '<': (left, right) => Number(left < right),
  '<=': (left, right) => Number(left <= right),
  '==': (left, right) => Number(left === right),
  '!=': (left, right) => Number(left !== right),
};

type MathFunction = (args: readonly MathValue[], timeline: readonly number[]) => MathValue;

/** The metric math functions the preview evaluates, by arity: those the dashboard and alarms use. */
const FUNCTIONS: Readonly<
  Record<string, { readonly arity: number; readonly apply: MathFunction }>
> = {
  RUNNING_SUM: { arity: 1, apply: ([value]) => runningSum(value as MathValue) },
  FILL: {
    arity: 2,
    apply: ([value, fill], timeline) => fillGaps(value as MathValue, fill as MathValue, timeline),
  },
  IF: {
    arity: 3,
    apply: ([condition, whenTrue, whenFalse]) =>
      choose(condition as MathValue, whenTrue as MathValue, whenFalse as MathValue),
  },
};

const SUPPORTED = `${Object.keys(FUNCTIONS).join(', ')}, numbers, metric ids, + - * / and the comparisons > >= < <= == !=`;

/**
 * Compiles the part of CloudWatch metric math the dashboard uses, parsed by jsep: numbers,
 * metric ids, `+ - * /` with the usual precedence, parentheses, unary minus and the functions
 * above. The result evaluates as CloudWatch does: two series combine only at the periods both
 * have, a scalar applies to every point, and a point that comes out as no number (a division by
 * zero) is dropped, so the line shows a gap there.
 *
 * @throws UnsupportedQueryError naming the syntax or function the preview does not evaluate.
 * @example
 * compileExpression('hits/2')(() => new Map([[0, 10]])); // Map { 0 => 5 }
 */
export function compileExpression(source: string): CompiledExpression {
  const evaluate = parseAndCompile(source);
  return (resolve, timeline = []) => evaluate(resolve, timeline);
}

function parseAndCompile(source: string): Evaluate {
  let tree: jsep.Expression;
  try {
    tree = jsep(source);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UnsupportedQueryError(`Metric math "${source}": ${reason}`, { cause: error });
  }
  return compile(tree, source);
}

function compile(node: jsep.Expression, source: string): Evaluate {
  const unsupported = (what: string): never => {
    throw new UnsupportedQueryError(
      `Metric math "${source}": ${what} is not supported by the preview; it evaluates ${SUPPORTED}`,
    );
  };
  switch (node.type) {
    case 'Literal': {
      const { value } = node as jsep.Literal;
      return typeof value === 'number' ? () => value : unsupported(`the literal ${node.raw}`);
    }
    case 'Identifier': {
      const { name } = node as jsep.Identifier;
      return (resolve) => resolve(name);
    }
    case 'UnaryExpression': {
      const { operator, argument } = node as jsep.UnaryExpression;
      if (operator !== '-') return unsupported(`the operator ${operator}`);
      const operand = compile(argument, source);
      return (resolve, timeline) =>
        combine(-1, operand(resolve, timeline), OPERATIONS['*'] as Operation);
    }
    case 'BinaryExpression': {
      const { operator, left, right } = node as jsep.BinaryExpression;
      const operation = OPERATIONS[operator] ?? unsupported(`the operator ${operator}`);
      const [first, second] = [compile(left, source), compile(right, source)];
      return (resolve, timeline) =>
        combine(first(resolve, timeline), second(resolve, timeline), operation);
    }
    case 'CallExpression': {
      const { callee, arguments: args } = node as jsep.CallExpression;
      const name = callee.type === 'Identifier' ? (callee as jsep.Identifier).name : '';
      const known = FUNCTIONS[name] ?? unsupported(`the function ${name || 'call'}`);
      if (args.length !== known.arity) {
        unsupported(`${name} with ${args.length} arguments (it takes ${known.arity})`);
      }
      const operands = args.map((argument) => compile(argument, source));
      return (resolve, timeline) =>
        known.apply(
          operands.map((operand) => operand(resolve, timeline)),
          timeline,
        );
    }
    default:
      return unsupported(`a ${node.type}`);
  }
}

function combine(left: MathValue, right: MathValue, operation: Operation): MathValue {
  return combineAll([left, right], ([first, second]) =>
    operation(first as number, second as number),
  );
}

/**
 * Applies `operation` at every period where each series argument has a point (scalars apply
 * everywhere); a result that is no number (a division by zero) is dropped.
 */
function combineAll(
  values: readonly MathValue[],
  operation: (numbers: readonly number[]) => number,
): MathValue {
  const series = values.filter((value): value is TimeSeries => typeof value !== 'number');
  if (series.length === 0) return operation(values as number[]);
  const result = new Map<number, number>();
  for (const timestamp of (series[0] as TimeSeries).keys()) {
    const numbers = values.map((value) =>
      typeof value === 'number' ? value : value.get(timestamp),
    );
    if (numbers.includes(undefined)) continue;
    const value = operation(numbers as number[]);
    if (Number.isFinite(value)) result.set(timestamp, value);
  }
  return result;
}

/**
 * `IF(condition, whenTrue, whenFalse)`: at each point of the condition, the point of the branch
 * it picks (non-zero picks `whenTrue`); a picked branch without a point leaves no point, so a
 * division by zero in the branch not taken costs nothing.
 */
function choose(condition: MathValue, whenTrue: MathValue, whenFalse: MathValue): MathValue {
  const pick = (value: MathValue, timestamp: number): number | undefined =>
    typeof value === 'number' ? value : value.get(timestamp);
  if (typeof condition === 'number') return condition !== 0 ? whenTrue : whenFalse;
  const result = new Map<number, number>();
  for (const [timestamp, test] of condition) {
    const value = pick(test !== 0 ? whenTrue : whenFalse, timestamp);
    if (value !== undefined) result.set(timestamp, value);
  }
  return result;
}

/** `FILL(series, value)`: every period of the time range without a point gets `value`. */
function fillGaps(value: MathValue, fill: MathValue, timeline: readonly number[]): MathValue {
  if (typeof value === 'number') return value;
  if (typeof fill !== 'number') {
    throw new UnsupportedQueryError(
      'FILL with a series as its value is not supported by the preview',
    );
  }
  const result = new Map(value);
  for (const timestamp of timeline) if (!result.has(timestamp)) result.set(timestamp, fill);
  return new Map([...result].sort(([left], [right]) => left - right));
}

/** From the start of the time range; a constant has no time axis, so it has no points. */
function runningSum(value: MathValue): MathValue {
  const result = new Map<number, number>();
  if (typeof value === 'number') return result;
  let total = 0;
  for (const timestamp of [...value.keys()].sort((left, right) => left - right)) {
    total += value.get(timestamp) as number;
    result.set(timestamp, total);
  }
  return result;
}
