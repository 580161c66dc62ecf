import { GatewayError, type HttpRefusal } from './GatewayError';

const REFUSAL: HttpRefusal = { status: 400 };

/** Trusted documents refused the operation before it was parsed: HTTP 400. */
export class TrustedDocumentRefusedError extends GatewayError {
  readonly retryable = false;

  constructor(
    readonly code: 'PERSISTED_QUERY_NOT_IN_LIST' | 'QUERY_NOT_IN_SAFELIST' | 'PERSISTED_QUERY_ID_REQUIRED',
    message: string,
  ) {
    super(message);
  }

  override get http(): HttpRefusal {
    return REFUSAL;
  }
}
