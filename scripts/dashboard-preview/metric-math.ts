import jsep from 'jsep';
import type { TimeSeries } from './aggregate.js';
import { UnsupportedQueryError } from './errors.js';

/** A metric math value: a scalar or a time series. */
export type MathValue = number | TimeSeries;

/** Finds the series behind a metric id (a metric row or another expression). */
export type ResolveSeries = (id: string) => TimeSeries;

/** An expression ready to evaluate against the rows of its widget. */
export type CompiledExpression = (resolve: ResolveSeries) => MathValue;

type Operation = (left: number, right: number) => number;

const OPERATIONS: Readonly<Record<string, Operation>> = {
  '+': (left, right) => left + right,
  '-': (left, right) => left - right,
  '*': (left, right) => left * right,
  '/': (left, right) => left / right,
};

/** The metric math functions the preview evaluates: those the shipped dashboard uses. */
const FUNCTIONS: Readonly<Record<string, (value: MathValue) => MathValue>> = {
  RUNNING_SUM: runningSum,
};

const SUPPORTED = `${Object.keys(FUNCTIONS).join(', ')}, numbers, metric ids and + - * /`;

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
  let tree: jsep.Expression;
  try {
    tree = jsep(source);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UnsupportedQueryError(`Metric math "${source}": ${reason}`, { cause: error });
  }
  return compile(tree, source);
}

function compile(node: jsep.Expression, source: string): CompiledExpression {
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
      return (resolve) => combine(-1, operand(resolve), OPERATIONS['*'] as Operation);
    }
    case 'BinaryExpression': {
      const { operator, left, right } = node as jsep.BinaryExpression;
      const operation = OPERATIONS[operator] ?? unsupported(`the operator ${operator}`);
      const [first, second] = [compile(left, source), compile(right, source)];
      return (resolve) => combine(first(resolve), second(resolve), operation);
    }
    case 'CallExpression': {
      const { callee, arguments: args } = node as jsep.CallExpression;
      const name = callee.type === 'Identifier' ? (callee as jsep.Identifier).name : '';
      const apply = FUNCTIONS[name] ?? unsupported(`the function ${name || 'call'}`);
      const [argument, ...others] = args;
      if (argument === undefined || others.length > 0) unsupported(`${name} without one argument`);
      const operand = compile(argument as jsep.Expression, source);
      return (resolve) => apply(operand(resolve));
    }
    default:
      return unsupported(`a ${node.type}`);
  }
}

function combine(left: MathValue, right: MathValue, operation: Operation): MathValue {
  if (typeof left === 'number' && typeof right === 'number') return operation(left, right);
  const timestamps = [...(typeof left === 'number' ? (right as TimeSeries) : left).keys()];
  const result = new Map<number, number>();
  for (const timestamp of timestamps) {
    const leftValue = typeof left === 'number' ? left : left.get(timestamp);
    const rightValue = typeof right === 'number' ? right : right.get(timestamp);
    if (leftValue === undefined || rightValue === undefined) continue;
    const value = operation(leftValue, rightValue);
    if (Number.isFinite(value)) result.set(timestamp, value);
  }
  return result;
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
