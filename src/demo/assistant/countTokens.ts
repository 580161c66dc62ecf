/** The demo model's tokenizer: one token per run of non-space characters. Pure. */
export function countTokens(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}
