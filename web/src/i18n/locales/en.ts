/**
 * English for the app's messages, by message id (the Chinese source text is in the code beside
 * each `msg` call). A message missing here shows in Chinese. Each area keeps its own file under
 * `en/`, so work on one area does not touch the others; an id must be unique across them
 * (test/web/i18n/englishMessages.test.ts).
 */
import type { TemplateLike } from '@lit/localize';
import { applicantMessages } from './en/applicant.js';
import { caseMessages } from './en/case.js';
import { commonMessages } from './en/common.js';
import { officerMessages } from './en/officer.js';
import { studioMessages } from './en/studio.js';

/** Every area's English messages, by area. */
export const messagesByArea: Record<string, Record<string, TemplateLike>> = {
  common: commonMessages,
  applicant: applicantMessages,
  officer: officerMessages,
  case: caseMessages,
  studio: studioMessages,
};

/** The English templates @lit/localize reads, all areas together. */
export const templates: Record<string, TemplateLike> = Object.assign(
  {},
  ...Object.values(messagesByArea),
) as Record<string, TemplateLike>;
