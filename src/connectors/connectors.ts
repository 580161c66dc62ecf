import type { Connector } from './Connector';
import { restConnector } from './rest/restConnector';

/** Every kind of upstream the gateway speaks. */
export const CONNECTORS: readonly Connector[] = [restConnector];
