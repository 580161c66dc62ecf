import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileSoapCodec } from '../../src/connectors/soap/codec/compileSoapCodec';
import type { SoapCodec } from '../../src/connectors/soap/codec/SoapCodec';
import { readWsdl } from '../../src/connectors/soap/wsdl/readWsdl';
import type { WsdlDefinition } from '../../src/connectors/soap/wsdl/WsdlModel';
import { XsdResolver } from '../../src/connectors/soap/wsdl/XsdResolver';

const FIXTURES = join(__dirname, '..', 'fixtures', 'wsdl');

/** A WSDL of test/fixtures/wsdl, and the codec of each operation compiled as a source compiles them at startup. */
export function soapFixture(relative: string): { wsdl: WsdlDefinition; codec: (operation: string) => SoapCodec } {
  const file = join(FIXTURES, relative);
  const wsdl = readWsdl(readFileSync(file, 'utf8'), file);
  const resolver = new XsdResolver(wsdl.xsd);
  return {
    wsdl,
    codec: (name) => {
      const found = wsdl.operations.get(name);
      if (!found) throw new Error(`no operation ${name}`);
      return compileSoapCodec(found, resolver);
    },
  };
}
