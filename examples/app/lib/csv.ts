import type { CostReport } from './cost-explorer.js';

/**
 * RFC 4180 quoting, plus a leading `'` on text a spreadsheet would run as a formula (`=`, `+`,
 * `-`, `@`): service and usage-type names come from AWS, but the file is opened by people.
 */
function cell(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The report as CSV: `Service,UsageType,Cost`, one row per usage type, highest service first.
 *
 * @example
 * costReportCsv(report); // 'Service,UsageType,Cost\nAWS Lambda,Request,12.34\n...'
 */
export function costReportCsv(report: CostReport): string {
  const rows = ['Service,UsageType,Cost'];
  for (const service of report.costsByService) {
    for (const usage of service.usageTypes) {
      rows.push(`${cell(service.serviceName)},${cell(usage.usageType)},${usage.cost.toFixed(2)}`);
    }
  }
  return `${rows.join('\n')}\n`;
}
