import { z } from 'zod';
import { Company } from '../companies/company.model.ts';
import { DEFAULT_ESTIMATION } from './core/estimation.ts';
import { DEFAULT_READING_CHECKS } from './core/reading-checks.ts';
import type { ReadingRules } from './reading-validation.ts';

/** The plausibility and estimation rules of a company. */
export interface ReadingRulesSource {
  forCompany(companyId: number): Promise<ReadingRules>;
}

/** What a company may override; anything left out keeps the default. */
export const ReadingRulesOverride = z.object({
  checks: z.object({ highFactor: z.number().min(1), lowFactor: z.number().min(0).max(1), minHistoryPeriods: z.number().int().min(0), maxFlowHoursPerDay: z.number().min(1).max(24), zeroUseMinDays: z.number().int().min(1) }).partial().default({}),
  estimation: z.object({ maxConsecutiveEstimates: z.number().int().min(0), minActualPeriods: z.number().int().min(1), lastYearToleranceDays: z.number().int().min(0) }).partial().default({}),
});

/** Rules from the company's `readingRules` (JSON, set by its administrators) over the defaults. */
export class CompanyReadingRules implements ReadingRulesSource {
  async forCompany(companyId: number): Promise<ReadingRules> {
    const company = await Company.findByPk(companyId, { attributes: ['id', 'readingRules'] });
    const override = ReadingRulesOverride.parse(company?.readingRules ? JSON.parse(company.readingRules) : {});
    return { checks: { ...DEFAULT_READING_CHECKS, ...override.checks }, estimation: { ...DEFAULT_ESTIMATION, ...override.estimation } };
  }
}
