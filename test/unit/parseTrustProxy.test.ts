import { parseTrustProxy } from '../../src/config/parseTrustProxy';

describe('parseTrustProxy', () => {
  const parse = (text: string | undefined) => {
    const problems: string[] = [];
    return { trust: parseTrustProxy(text, problems), problems };
  };

  it('trusts no proxy unless told', () => {
    expect(parse(undefined)).toEqual({ trust: false, problems: [] });
    expect(parse('')).toEqual({ trust: false, problems: [] });
    expect(parse('false')).toEqual({ trust: false, problems: [] });
  });

  it('takes a number of hops, addresses, CIDR ranges and named ranges', () => {
    expect(parse('2').trust).toBe(2);
    expect(parse('10.0.0.0/8, 192.168.1.7,loopback').trust).toEqual(['10.0.0.0/8', '192.168.1.7', 'loopback']);
    expect(parse('fd00::/8,::1').trust).toEqual(['fd00::/8', '::1']);
  });

  it('refuses trusting everyone, and names what is not an address', () => {
    expect(parse('true').problems[0]).toMatch(/anyone/);
    const { problems } = parse('10.0.0.0/33,proxy.internal,10.0.0.1');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('"10.0.0.0/33"');
    expect(problems[0]).toContain('"proxy.internal"');
    expect(problems[0]).not.toContain('"10.0.0.1"');
  });
});
