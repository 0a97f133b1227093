/**
 * The preview's errors. The command prints `message` alone (one line, no stack) for each of
 * them and exits with `exitCode`; anything else escaping is a bug and keeps its stack.
 */
export class PreviewError extends Error {
  /** The status the command exits with when this error stops it. */
  readonly exitCode: number = 1;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PreviewError';
  }
}

/** A flag the command cannot use: the usage is printed with it, status 2. */
export class PreviewUsageError extends PreviewError {
  override readonly exitCode: number = 2;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PreviewUsageError';
  }
}

/** The input file is missing, holds no EMF, holds a broken EMF line, or no cache metrics. */
export class PreviewInputError extends PreviewError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PreviewInputError';
  }
}

/** The dashboard asks for a statistic, function or syntax the preview does not evaluate. */
export class UnsupportedQueryError extends PreviewError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UnsupportedQueryError';
  }
}

/** The PNG was asked for (`--png`) and could not be taken. */
export class ScreenshotError extends PreviewError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ScreenshotError';
  }
}
