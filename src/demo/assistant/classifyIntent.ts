/** What a support message is about, as the demo model labels it. */
export type SupportIntent = 'order_tracking' | 'returns_and_refunds' | 'payment_issue' | 'account_help' | 'product_question' | 'other';

export interface Classification {
  readonly intent: SupportIntent;
  /** From 0 to 1: the share of the message's cue words that point to the intent, discounted when there are few. */
  readonly confidence: number;
}

/** Cue word stems per intent; on a tie the earlier intent wins (a return mentions an order, not the reverse). */
const CUES: readonly (readonly [SupportIntent, readonly string[]])[] = [
  ['returns_and_refunds', ['return', 'refund', 'exchang', 'broken', 'damaged', 'wrong size']],
  ['payment_issue', ['pay', 'charg', 'card', 'invoice', 'declin', 'bill']],
  ['account_help', ['account', 'password', 'login', 'log in', 'sign in', 'email']],
  ['order_tracking', ['order', 'track', 'where', 'deliver', 'ship', 'parcel', 'package', 'arriv', 'courier', 'late']],
  ['product_question', ['size', 'fit', 'material', 'waterproof', 'warm', 'stock', 'availab', 'product', 'recommend']],
];

/** A keyword classifier standing in for a model: deterministic, and good enough for a demo. Pure. */
export function classifyIntent(message: string): Classification {
  const text = ` ${message.toLowerCase().replace(/[^a-z0-9]+/g, ' ')} `;
  const hits = CUES.map(([intent, stems]) => [intent, stems.filter((stem) => text.includes(` ${stem}`)).length] as const);
  const total = hits.reduce((sum, [, count]) => sum + count, 0);
  let best: readonly [SupportIntent, number] = ['other', 0];
  for (const hit of hits) if (hit[1] > best[1]) best = hit;
  if (best[1] === 0) return { intent: 'other', confidence: 0.3 };
  const confidence = (best[1] / total) * Math.min(0.95, 0.5 + 0.2 * best[1]);
  return { intent: best[0], confidence: Math.round(confidence * 100) / 100 };
}

/** The demo's templated answer per intent. */
export const ANSWERS: Readonly<Record<SupportIntent, string>> = {
  order_tracking:
    'You can follow your order under My orders → Track parcel, which shows the carrier’s latest scan. Orders usually arrive within 3–5 working days of shipping.',
  returns_and_refunds:
    'You can return any item within 30 days. Start the return under My orders; the refund reaches your card within 5 working days of the parcel arriving back with us.',
  payment_issue:
    'Sorry about the trouble with your payment. If a card was declined nothing was charged; if you see a charge you do not recognise, reply with the order number and we will check it.',
  account_help: 'You can reset your password from the sign-in page with “Forgot password”. The link we email is valid for one hour.',
  product_question: 'Every product page lists its materials, sizes and care instructions, and shows what is in stock right now.',
  other: 'Thanks for your message. A member of our support team will get back to you within one working day.',
};
