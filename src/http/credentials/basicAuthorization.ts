/** An HTTP Basic `Authorization` value for an OAuth 2.0 client (RFC 6749 §2.3.1: id and secret form-urlencoded first). */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`;
}
