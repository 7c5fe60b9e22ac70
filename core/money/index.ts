export { Dec, HUNDRED, ZERO, dec, formatAmount, formatDecimal, round2, sum } from './decimal';
export { computeLineAmounts, lineDiscountAmount, lineGrossAmount } from './lineAmounts';
export { computeTotals, vatGroupKey, vatGroupTax } from './totals';
export { VAT_CATEGORY_RULES, type VatCategoryRule } from './vatCategories';
export type { ComputedTotals, LineAmounts, VatBreakdownEntry } from './types';
