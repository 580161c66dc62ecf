import { parseXml, XmlRejectedError } from '../../src/xml/parseXml';
import { serializeXml } from '../../src/xml/serializeXml';
import { thrownBy } from './thrownBy';

describe('parseXml', () => {
  it('decodes numeric character references and the predefined entities, in text and attributes, in one pass', () => {
    const root = parseXml('<a title="Ren&#233;e &amp; &#x263A;">caf&#233; &lt;b&gt; &amp;#233; &#xE8;</a>');
    expect(root.text).toBe('café <b> &#233; è');
    expect(root.attrs['title']).toBe('Renée & ☺');
  });

  it('leaves a reference to no character as written', () => {
    expect(parseXml('<a>&#0;x&#x110000;</a>').text).toBe('&#0;x&#x110000;');
  });

  it('still refuses a DOCTYPE and XML that is not well-formed', () => {
    expect(thrownBy(() => parseXml('<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>'))).toBeInstanceOf(XmlRejectedError);
    expect(thrownBy(() => parseXml('<a><b></a>'))).toBeInstanceOf(XmlRejectedError);
  });
});

describe('serializeXml', () => {
  it('writes an element of a document so that it stands alone: inherited prefixes declared, its own kept', () => {
    const root = parseXml(
      '<r xmlns="urn:d" xmlns:t="urn:t" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:unused="urn:u">' +
        '<t:item xsi:type="t:Car" note="a&amp;b"><child xmlns:own="urn:own"><own:x/></child>text</t:item></r>',
    );
    const [item] = root.children;
    if (!item) throw new Error('no item');
    const xml = serializeXml(item);
    expect(xml).toBe(
      '<t:item xsi:type="t:Car" note="a&amp;b" xmlns:t="urn:t" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="urn:d">' +
        'text<child xmlns:own="urn:own"><own:x/></child></t:item>',
    );
    const again = parseXml(xml);
    expect({ ns: again.ns, local: again.local, child: again.children[0]?.ns }).toEqual({ ns: 'urn:t', local: 'item', child: 'urn:d' });
  });
});
