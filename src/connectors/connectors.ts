import type { Connector } from './Connector';
import { graphqlConnector } from './graphql/graphqlConnector';
import { inferenceConnector } from './inference/inferenceConnector';
import { restConnector } from './rest/restConnector';
import { soapConnector } from './soap/soapConnector';

/** Every kind of upstream the gateway speaks. */
export const CONNECTORS: readonly Connector[] = [restConnector, soapConnector, graphqlConnector, inferenceConnector];
