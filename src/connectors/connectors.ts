import type { Connector } from './Connector';
import { restConnector } from './rest/restConnector';
import { soapConnector } from './soap/soapConnector';

/** Every kind of upstream the gateway speaks. */
export const CONNECTORS: readonly Connector[] = [restConnector, soapConnector];
