import type { DeliveryFaultServer } from './delivery-fault-server.js';

/** What `test/integration/reliability/freeze-child.ts` prints after each line it is sent. */
export interface FreezeChildReport {
  readonly outcomes: { readonly id: string; readonly ok: boolean; readonly error?: string }[];
  readonly requestsSent: number;
  readonly connectionsOpened: number;
}

/** A child's report beside what the server saw: the counts the delivery rule is judged on. */
export function deliveryFigures(report: FreezeChildReport, server: DeliveryFaultServer) {
  return {
    failures: report.outcomes.filter((call) => !call.ok).length,
    requestsSent: report.requestsSent,
    arrivals: server.arrivals(),
    connectionsOpened: report.connectionsOpened,
    handshakes: server.handshakes(),
  };
}
