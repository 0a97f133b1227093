// The README's "Bundling" section is the one place the esbuild flags are written down. The consumer
// contract reads them from there and builds with exactly those, so the README cannot drift from
// what works. Each block follows a marker line: `<!-- bundling: esm -->`, `cjs` (a one-command
// `npx esbuild ...` block each) and `cdk` (the NodejsFunction example, type-checked by
// `npm run typecheck:docs`, which must set the same options as the ESM command).

const MARKER = /^<!-- bundling: (esm|cjs|cdk) -->$/;
const FENCE = /^```/;

/** The text of each marked code block, by marker name. */
function markedBlocks(readme) {
  const lines = readme.split('\n');
  const blocks = {};
  for (let index = 0; index < lines.length; index += 1) {
    const [, name] = MARKER.exec(lines[index].trim()) ?? [];
    if (name === undefined) continue;
    if (!FENCE.test(lines[index + 1] ?? '')) throw new Error(`README: no code block after ${name}`);
    const end = lines.findIndex((line, at) => at > index + 1 && FENCE.test(line));
    if (end === -1) throw new Error(`README: the ${name} block is not closed`);
    blocks[name] = lines.slice(index + 2, end).join('\n');
  }
  return blocks;
}

/** Splits a one-command shell block into words: quotes group, a backslash-newline continues. */
function shellWords(block) {
  const words = [];
  let word;
  let quote;
  const text = block.replaceAll('\\\n', ' ');
  for (const char of text) {
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
      else word += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      word ??= '';
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + char;
    }
  }
  if (quote !== undefined) throw new Error(`README: unclosed ${quote} in\n${block}`);
  if (word !== undefined) words.push(word);
  return words;
}

/** The esbuild arguments of one marked `npx esbuild ...` block. */
function esbuildArgs(blocks, name) {
  const block = blocks[name];
  if (block === undefined) throw new Error(`README: no <!-- bundling: ${name} --> block`);
  const [npx, esbuild, ...args] = shellWords(block);
  if (npx !== 'npx' || esbuild !== 'esbuild')
    throw new Error(`README: the ${name} block must be one \`npx esbuild ...\` command`);
  return args;
}

const flagValue = (args, flag) =>
  args.find((arg) => arg.startsWith(`${flag}=`))?.slice(flag.length + 1);

/**
 * The README's bundling commands, checked for what a bundle that runs alone on Lambda needs:
 * Node's platform and the runtime's target, no externals (nothing to resolve them from), and for
 * ESM the `require` banner (the SDK's CommonJS parts call require() on Node builtins, which an ESM
 * file lacks) with `module` first in main fields; and a CDK example that sets the same.
 * Returns `{ esm, cjs, entry }`: each command's arguments, and the entry file both bundle.
 */
export function readmeBundling(readme) {
  const blocks = markedBlocks(readme);
  const esm = esbuildArgs(blocks, 'esm');
  const cjs = esbuildArgs(blocks, 'cjs');
  const problems = [];
  const want = (args, label, flag) => {
    if (!args.includes(flag)) problems.push(`the ${label} command lacks ${flag}`);
  };
  for (const [label, args] of [
    ['ESM', esm],
    ['CommonJS', cjs],
  ]) {
    for (const flag of ['--bundle', '--platform=node', '--target=node22']) want(args, label, flag);
    const externals = args.filter((arg) => /^--(external|packages)\b/.test(arg));
    if (externals.length > 0) problems.push(`the ${label} command leaves out ${externals}`);
  }
  want(esm, 'ESM', '--format=esm');
  want(esm, 'ESM', '--main-fields=module,main');
  want(cjs, 'CommonJS', '--format=cjs');
  const banner = flagValue(esm, '--banner:js');
  if (!/createRequire\(import\.meta\.url\)/.test(banner ?? ''))
    problems.push('the ESM command lacks a --banner:js that defines require with createRequire');
  const cdk = blocks.cdk ?? '';
  for (const option of [
    'format: OutputFormat.ESM',
    "target: 'node22'",
    "mainFields: ['module', 'main']",
    ...(banner === undefined ? [] : [`banner: ${JSON.stringify(banner)}`]),
    'bundleAwsSDK: true',
  ]) {
    if (!cdk.includes(option)) problems.push(`the CDK example lacks \`${option}\``);
  }
  const entries = [esm, cjs].map((args) => args.filter((arg) => !arg.startsWith('-')));
  if (entries.some((found) => found.length !== 1 || found[0] !== entries[0][0]))
    problems.push(`both commands must bundle one and the same entry, got ${entries.join(' and ')}`);
  if (problems.length > 0) throw new Error(`README "Bundling": ${problems.join('; ')}`);
  return { esm, cjs, entry: entries[0][0] };
}

/**
 * The same arguments without the `require` banner and on esbuild's default main fields (`main`
 * first: the SDK's CommonJS builds), to show what the banner is there for.
 */
export const withoutBanner = (args) =>
  args.filter((arg) => !arg.startsWith('--banner:js=') && !arg.startsWith('--main-fields='));

/** Where a command writes its bundle. */
export const outfileOf = (args) => flagValue(args, '--outfile');
