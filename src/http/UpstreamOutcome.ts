/** How one upstream call ended, as counted in metrics (`cancelled`: a streamed call its client left). */
export type UpstreamOutcome = 'success' | 'client_error' | 'server_error' | 'timeout' | 'network_error' | 'too_large' | 'cancelled';

export function outcomeOfStatus(status: number): UpstreamOutcome {
  if (status >= 500) return 'server_error';
  if (status >= 400) return 'client_error';
  return 'success';
}
