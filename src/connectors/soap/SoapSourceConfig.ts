import type { SourceConfig } from '../../schema/SourceConfig';
import type { WsSecurityCredentials } from './buildSoapEnvelope';
import type { SoapCodec } from './codec/SoapCodec';
import type { WsdlDefinition } from './wsdl/WsdlModel';

export interface SoapSourceConfig extends SourceConfig {
  readonly kind: 'soap';
  readonly wsdl: WsdlDefinition;
  /** Each operation's writer and reader trees, compiled once at startup. */
  readonly codecs: ReadonlyMap<string, SoapCodec>;
  /** Where calls go: the `endpoint` argument, else the WSDL's service address. */
  readonly endpoint: string;
  readonly headers: Readonly<Record<string, string>>;
  /** WS-Security UsernameToken sent with every call, when configured. */
  readonly security: WsSecurityCredentials | undefined;
}
