/**
 * The parts of a CloudWatch dashboard body the preview reads. The shape is CloudWatch's
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html).
 */
export interface DashboardBody {
  readonly start?: string;
  readonly periodOverride?: string;
  readonly widgets: readonly DashboardWidget[];
}

export interface DashboardWidget {
  readonly type: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: TextWidgetProperties | MetricWidgetProperties;
}

export interface TextWidgetProperties {
  readonly markdown: string;
}

export interface MetricWidgetProperties {
  readonly title?: string;
  readonly period?: number;
  readonly stat?: string;
  readonly metrics: readonly MetricRow[];
  readonly annotations?: { readonly horizontal?: readonly HorizontalAnnotation[] };
  readonly yAxis?: { readonly left?: AxisSettings };
}

/** `[namespace, name, dimension, value, …, options?]`, or `[{ expression, … }]`. */
export type MetricRow = readonly (string | MetricRowOptions)[];

export interface MetricRowOptions {
  readonly expression?: string;
  readonly id?: string;
  readonly label?: string;
  readonly stat?: string;
  readonly visible?: boolean;
  readonly color?: string;
}

export interface HorizontalAnnotation {
  readonly label?: string;
  readonly value: number;
  readonly color?: string;
}

export interface AxisSettings {
  readonly min?: number;
  readonly max?: number;
  readonly label?: string;
}
