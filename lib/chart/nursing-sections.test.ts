import { describe, expect, it } from 'vitest';
import { chartFromText } from './document';
import { defaultSectionRules, matchSectionHeading } from './rules';

describe("assessments that are not the provider's Assessment", () => {
  it('reads nursing, pre-treatment and screening assessments as observations (exam)', () => {
    for (const h of ['Nursing assessment', 'NURSING ASSESSMENT', 'Pre-treatment assessment', 'Pre-infusion assessment', 'RN assessment', 'Pain assessment', 'Fall risk assessment']) {
      expect(matchSectionHeading(h, defaultSectionRules)?.category).toBe('physical_exam');
    }
  });

  it('leaves the Assessment headings alone', () => {
    expect(matchSectionHeading('Assessment', defaultSectionRules)?.category).toBe('assessment');
    expect(matchSectionHeading('Assessment and plan', defaultSectionRules)?.category).toBe('assessment_and_plan');
    expect(matchSectionHeading('Impression', defaultSectionRules)?.category).toBe('assessment');
  });

  it('keeps nursing symptom scores out of the assessment that follows or precedes them', () => {
    const doc = chartFromText('ASSESSMENT:\n1. Pancreatic cancer.\nPre-treatment assessment: Pt reports fatigue 2/10. Pain 0/10.');
    const fatigue = doc.sentences.find((s) => s.text.includes('fatigue'))!;
    expect(doc.sections[fatigue.section]!.category).toBe('physical_exam');
  });
});
