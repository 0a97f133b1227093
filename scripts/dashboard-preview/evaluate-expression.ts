import type { TimeSeries } from './aggregate.js';
import type { BinaryOperator, Expression } from './parse-expression.js';

/** A metric math value: a scalar or a time series. */
export type MathValue = number | TimeSeries;

/** Finds the series behind a metric id (a metric row or another expression). */
export type ResolveSeries = (id: string) => TimeSeries;

const OPERATIONS: Readonly<Record<BinaryOperator, (left: number, right: number) => number>> = {
  '+': (left, right) => left + right,
  '-': (left, right) => left - right,
  '*': (left, right) => left * right,
  '/': (left, right) => left / right,
};

/**
 * Evaluates an expression over time series as CloudWatch metric math does: two series combine
 * only at the timestamps both have, a scalar applies to every point, and a point that comes out
 * as no number (a division by zero, 0/0) is dropped, so the line shows a gap there.
 *
 * @example
 * evaluateExpression(parseExpression('hits/2'), () => new Map([[0, 10]])); // Map { 0 => 5 }
 */
export function evaluateExpression(expression: Expression, resolve: ResolveSeries): MathValue {
  switch (expression.kind) {
    case 'number':
      return expression.value;
    case 'reference':
      return resolve(expression.id);
    case 'negate':
      return combine(-1, evaluateExpression(expression.operand, resolve), OPERATIONS['*']);
    case 'binary':
      return combine(
        evaluateExpression(expression.left, resolve),
        evaluateExpression(expression.right, resolve),
        OPERATIONS[expression.operator],
      );
    case 'call':
      return runningSum(asSeries(evaluateExpression(expression.argument, resolve)));
  }
}

function combine(
  left: MathValue,
  right: MathValue,
  operation: (left: number, right: number) => number,
): MathValue {
  if (typeof left === 'number' && typeof right === 'number') return operation(left, right);
  const timestamps =
    typeof left === 'number' ? [...(right as TimeSeries).keys()] : [...left.keys()];
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

function runningSum(series: TimeSeries): TimeSeries {
  const result = new Map<number, number>();
  let total = 0;
  for (const timestamp of [...series.keys()].sort((left, right) => left - right)) {
    total += series.get(timestamp) as number;
    result.set(timestamp, total);
  }
  return result;
}

function asSeries(value: MathValue): TimeSeries {
  // RUNNING_SUM of a constant: CloudWatch has no time axis for it either, so it has no points.
  return typeof value === 'number' ? new Map() : value;
}
