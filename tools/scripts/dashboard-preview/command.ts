import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PreviewError, PreviewInputError, PreviewUsageError, ScreenshotError } from './errors.js';
import { buildFleetPreviewModel } from './fleet-model.js';
import { MAX_AUTO_POINTS, MIN_AUTO_POINTS } from './period.js';
import { buildPreviewModel, type PreviewModel } from './preview-model.js';
import { readEmf } from './read-emf.js';
import { renderHtml } from './render-html.js';
import { CHROMIUM_PATH, chromiumInstalled, takeScreenshot } from './screenshot.js';
import { loadChartAssets } from './uplot-assets.js';

/** Where `npm start` (the demo) writes its EMF lines: the input when `--input` is not given. */
export const DEFAULT_INPUT = join('out', 'demo-emf.jsonl');
export const DEFAULT_OUT = join('out', 'dashboard-preview');
/** Where `npm start` writes the lines of its three services: the input of `--fleet`. */
export const DEFAULT_FLEET_INPUT = join('out', 'demo-fleet-emf.jsonl');
export const DEFAULT_FLEET_OUT = join('out', 'dashboard-preview-fleet');

export const USAGE = `Usage: npm run dashboard:preview -- [--input <file.jsonl>] [--out <dir>] [options]

Draws dashboards/client-cache.json from EMF log lines, into <dir>/dashboard.html and
<dir>/dashboard.png. Lines without an "_aws" object are skipped.
  --input        EMF lines, one JSON document a line (default ${DEFAULT_INPUT}, from \`npm start\`)
  --out          folder for dashboard.html and dashboard.png (default ${DEFAULT_OUT})
  --namespace    which namespace to draw, when the input has several (default: the input's)
  --service      which \`service\` dimension to draw, when the input has several (default: the input's)
  --max-entries  CLIENT_CACHE_MAX_ENTRIES, the line on the cache size widget (default 100)
  --period       seconds per point for every widget (default: periodOverride auto, see docs)
  --png          fail (status 1) when the PNG can't be taken, e.g. without ${CHROMIUM_PATH}
  --fleet        draw the fleet view (dashboards/client-cache-fleet.json) of every service in the
                 input (default input ${DEFAULT_FLEET_INPUT}, out ${DEFAULT_FLEET_OUT})
`;

/** Where the command writes and looks: the process's own, or a test's. */
export interface CommandContext {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Relative paths (`--input`, `--out`, the default input) resolve here. Default `process.cwd()`. */
  readonly cwd?: string;
  /** The browser for the PNG. Default `/usr/bin/chromium`. */
  readonly chromiumPath?: string;
}

interface Flags {
  readonly fleet: boolean;
  readonly input: string | undefined;
  readonly out: string;
  readonly namespace: string | undefined;
  readonly service: string | undefined;
  readonly maxEntries: number | undefined;
  readonly periodSeconds: number | undefined;
  readonly pngRequired: boolean;
}

/**
 * `npm run dashboard:preview`. Returns the exit status: 0 when the HTML was written (the PNG
 * too, or Chromium is missing without `--png`), 1 for bad input or a PNG that `--png` required,
 * 2 for bad flags. Every expected failure is one line on stderr, without a stack.
 */
export async function runPreviewCommand(args: string[], context: CommandContext): Promise<number> {
  try {
    const flags = parseFlags(args);
    if (flags === undefined) {
      context.stdout(USAGE);
      return 0;
    }
    return await preview(flags, context);
  } catch (error) {
    if (!(error instanceof PreviewError)) throw error;
    context.stderr(`${error.message}\n${error instanceof PreviewUsageError ? `\n${USAGE}` : ''}`);
    return error.exitCode;
  }
}

async function preview(flags: Flags, context: CommandContext): Promise<number> {
  const cwd = context.cwd ?? process.cwd();
  const chromiumPath = context.chromiumPath ?? CHROMIUM_PATH;
  const defaultInput = flags.fleet ? DEFAULT_FLEET_INPUT : DEFAULT_INPUT;
  const source = flags.input ?? defaultInput;
  const text = readInput(resolve(cwd, source), flags.input, defaultInput);
  const build = flags.fleet ? buildFleetPreviewModel : buildPreviewModel;
  const model = build(readEmf(text, source), source, flags);
  const out = resolve(cwd, flags.out);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'dashboard.html'), renderHtml(model, loadChartAssets()));
  // A PNG left by an earlier run would show another input than the HTML beside it.
  rmSync(join(out, 'dashboard.png'), { force: true });
  context.stdout(describeModel(model, flags));
  context.stdout(`Wrote ${join(flags.out, 'dashboard.html')}\n`);
  if (!chromiumInstalled(chromiumPath)) {
    const problem = `The PNG needs Chromium at ${chromiumPath} (apt-get install chromium)`;
    if (flags.pngRequired) throw new ScreenshotError(`${problem}; wrote the HTML only`);
    context.stderr(`${problem}: wrote the HTML only.\n`);
    return 0;
  }
  try {
    await takeScreenshot(join(out, 'dashboard.html'), join(out, 'dashboard.png'), chromiumPath);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const message = `Cannot take the PNG with ${chromiumPath} (wrote the HTML): ${reason}`;
    throw new ScreenshotError(message, { cause: error });
  }
  context.stdout(`Wrote ${join(flags.out, 'dashboard.png')}\n`);
  return 0;
}

function readInput(path: string, input: string | undefined, defaultInput: string): string {
  if (!existsSync(path)) {
    throw new PreviewInputError(
      input === undefined
        ? `${defaultInput} does not exist: run \`npm start\` (the demo writes it), or pass --input <file.jsonl>`
        : `--input ${input} does not exist`,
    );
  }
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PreviewInputError(`Cannot read ${input ?? defaultInput}: ${reason}`, {
      cause: error,
    });
  }
}

function describeModel(model: PreviewModel, flags: Flags): string {
  const charts = model.widgets.flatMap((widget) =>
    widget.kind === 'metric' ? [widget.chart] : [],
  );
  const period = charts[0]?.periodSeconds ?? 0;
  const spanSeconds = Math.round((model.lastTimestamp - model.firstTimestamp) / 1000);
  const rule =
    flags.periodSeconds === undefined
      ? `periodOverride auto: ${MIN_AUTO_POINTS} to ${MAX_AUTO_POINTS} points, see docs/dashboard-preview.md`
      : '--period';
  const lines = [
    `Read ${model.emfLines} EMF lines from ${model.source} (${model.skippedLines} other lines ` +
      `skipped), spanning ${spanSeconds} s.`,
    `Namespace ${model.namespace}, ${flags.fleet ? '' : 'service '}${model.service}; period ${period} s (${rule}).`,
    `Widgets: ${model.widgets.length} (${model.widgets.length - charts.length} text, ${charts.length} metric):`,
    ...charts.map((chart) => {
      const points = chart.series.reduce(
        (count, line) => count + line.values.filter((value) => value !== null).length,
        0,
      );
      return `  ${chart.title}: ${plural(chart.series.length, 'line')}, ${plural(points, 'point')}`;
    }),
  ];
  if (flags.periodSeconds === undefined && period < 60) {
    lines.push(
      `Periods under 60 s are finer than CloudWatch draws the cache's standard-resolution ` +
        `metrics; the input spans only ${spanSeconds} s.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function parseFlags(args: string[]): Flags | undefined {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(args).values;
  } catch (error) {
    throw new PreviewUsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return undefined;
  const fleet = values.fleet === true;
  if (fleet && (values.service !== undefined || values['max-entries'] !== undefined)) {
    throw new PreviewUsageError(
      '`--fleet` draws every service: drop `--service` and `--max-entries`',
    );
  }
  return {
    fleet,
    input: values.input,
    out: values.out ?? (fleet ? DEFAULT_FLEET_OUT : DEFAULT_OUT),
    namespace: values.namespace,
    service: values.service,
    maxEntries: parseInteger(
      values['max-entries'],
      'max-entries',
      (value) => value >= 1 && value <= 10000,
      'an integer from 1 to 10000',
    ),
    periodSeconds: parseInteger(
      values.period,
      'period',
      (value) => [1, 5, 10, 30].includes(value) || (value > 0 && value % 60 === 0),
      '1, 5, 10, 30 or a multiple of 60',
    ),
    pngRequired: values.png === true,
  };
}

function parse(args: string[]) {
  return parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      input: { type: 'string' },
      out: { type: 'string' },
      namespace: { type: 'string' },
      service: { type: 'string' },
      'max-entries': { type: 'string' },
      period: { type: 'string' },
      png: { type: 'boolean' },
      fleet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function parseInteger(
  text: string | undefined,
  flag: string,
  allowed: (value: number) => boolean,
  allowedText: string,
): number | undefined {
  if (text === undefined) return undefined;
  // Number('') is 0 and Number('1e3') is 1000: accept only digits, as a person types them.
  if (/^\d+$/.test(text) && allowed(Number(text))) return Number(text);
  throw new PreviewUsageError(`\`--${flag}\` must be ${allowedText}, got "${text}"`);
}
