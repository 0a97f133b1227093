// `npm run dashboard:preview`: draws the client cache dashboard from EMF log lines, offline.
import { runPreviewCommand } from './command.js';

process.exitCode = await runPreviewCommand(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
