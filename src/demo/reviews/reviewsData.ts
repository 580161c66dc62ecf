/** A review as the demo reviews service stores it. */
export interface StoredReview {
  readonly id: string;
  readonly sku: string;
  /** The shop's customer id of the author. */
  readonly authorId: string;
  /** The name shown with the review. */
  readonly author: string;
  readonly rating: number;
  readonly text: string;
}

const SKUS = [
  'JKT-001',
  'JKT-002',
  'SWT-001',
  'TSH-001',
  'BOT-001',
  'SNK-001',
  'GLV-001',
  'HAT-001',
  'SHR-001',
  'BAG-001',
  'SCF-001',
  'SUN-001',
];
const TEXTS = [
  'Exactly as described, would buy again.',
  'Good quality for the price.',
  'Runs a little small; order a size up.',
  'Arrived quickly and well packed.',
  'Not what I expected, returned it.',
];

/** Builds the demo's reviews: a few per product (none for the last one), by the shop's customers 1…20. */
export function createReviewsData(): readonly StoredReview[] {
  const reviews: StoredReview[] = [];
  SKUS.slice(0, -1).forEach((sku, productIndex) => {
    const count = 1 + (productIndex % 3);
    for (let n = 0; n < count; n++) {
      const index = reviews.length;
      const authorId = String((index % 20) + 1);
      reviews.push({
        id: `r${index + 1}`,
        sku,
        authorId,
        author: `Customer ${authorId}`,
        rating: 5 - ((index * 2) % 5),
        text: TEXTS[index % TEXTS.length] as string,
      });
    }
  });
  return Object.freeze(reviews);
}
