/** Behaviour of the fake services that tests may change while the endpoint runs. */
export interface LocalAwsSettings {
  /**
   * How many pages GetCostAndUsage splits its time periods over (fewer when there are fewer
   * periods). Default 1, allowed 1 to 1000; checked on every write.
   *
   * @example
   * endpoint.settings.costExplorerPages = 3;
   */
  costExplorerPages: number;
}

const validPageCount = (value: number): number => {
  if (!Number.isInteger(value) || value < 1 || value > 1000) {
    throw new TypeError(
      `\`costExplorerPages\` must be an integer from 1 to 1000, got "${String(value)}"`,
    );
  }
  return value;
};

/** Settings that reject invalid values when written, not when a request later trips on them. */
export const createLocalAwsSettings = (
  initial: Partial<LocalAwsSettings> = {},
): LocalAwsSettings => {
  let costExplorerPages = validPageCount(initial.costExplorerPages ?? 1);
  return {
    get costExplorerPages() {
      return costExplorerPages;
    },
    set costExplorerPages(value: number) {
      costExplorerPages = validPageCount(value);
    },
  };
};
