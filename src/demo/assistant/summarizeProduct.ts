/**
 * The demo model's summary of a product: the last line of the prompt read as `Name: description`,
 * shortened to the name and the description's first clause. Pure.
 */
export function summarizeProduct(prompt: string): string {
  const lines = prompt
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const last = lines[lines.length - 1] ?? '';
  const colon = last.indexOf(': ');
  const name = colon === -1 ? '' : last.slice(0, colon);
  const description = colon === -1 ? last : last.slice(colon + 2);
  const clause = (description.split(/[,.;]/)[0] ?? '').trim();
  const words = clause.split(/\s+/).slice(0, 12).join(' ');
  const sentence = words ? `${words.charAt(0).toLowerCase()}${words.slice(1)}.` : '';
  return name ? `${name}: ${sentence}` : `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}`;
}
