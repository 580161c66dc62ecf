/** A poll whose upstream call failed: delivered as an event whose field resolves to this error. */
export class PollFailure {
  constructor(readonly error: unknown) {}
}
