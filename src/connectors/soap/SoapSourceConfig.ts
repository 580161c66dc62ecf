import type { SourceConfig } from '../../schema/SourceConfig';
import type { WsSecurityCredentials } from './buildSoapEnvelope';
import type { WsdlDefinition } from './wsdl/WsdlModel';
import type { XsdResolver } from './wsdl/XsdResolver';

export interface SoapSourceConfig extends SourceConfig {
  readonly kind: 'soap';
  readonly wsdl: WsdlDefinition;
  readonly resolver: XsdResolver;
  /** Where calls go: the `endpoint` argument, else the WSDL's service address. */
  readonly endpoint: string;
  readonly headers: Readonly<Record<string, string>>;
  /** WS-Security UsernameToken sent with every call, when configured. */
  readonly security: WsSecurityCredentials | undefined;
}
