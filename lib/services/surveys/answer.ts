import 'server-only';
import { db } from '@/lib/db/client';
import {
  assignedVariant,
  insertResponse,
  responseOf,
  surveyCustomer,
  surveyWithCampaign,
  updateResponse,
} from '@/lib/db/surveys';
import { firstNameOf } from '@/lib/engine/email/merge';
import { AppError } from '@/lib/errors';
import { answerSchema, CHANGE_WINDOW_MS, type SurveyKind, SCORE_RANGE } from '@/lib/schemas/survey';
import { preferredLocale } from '../email/compose';
import { loadSmtp } from '../email/smtp';
import { parseInput } from '../validate';
import { readSurvey } from './links';

async function load(token: string, now: number) {
  const t = readSurvey(token, now);
  const survey = await surveyWithCampaign(db, t.s);
  const customer = await surveyCustomer(db, t.k);
  if (!survey || !customer || customer.erasedAt) throw new AppError('NOT_FOUND', 'surveys.errors.badLink');
  return { t, survey, customer };
}

const editableUntil = (answeredAt: Date) => new Date(answeredAt.getTime() + CHANGE_WINDOW_MS);

/** What the hosted survey page shows: the question's scale, the customer's language, and any earlier answer. */
export async function getSurveyForm(token: string, now = Date.now()) {
  const { survey, customer } = await load(token, now);
  const previous = await responseOf(db, survey.id, customer.id);
  const smtp = await loadSmtp();
  const kind = survey.kind as SurveyKind;
  return {
    kind,
    range: SCORE_RANGE[kind],
    allowComment: survey.allowComment,
    shopName: smtp?.shopName ?? '',
    firstName: firstNameOf(customer.name),
    locale: preferredLocale({ attributes: customer.attributes }),
    answer: previous
      ? {
          score: previous.score,
          comment: previous.comment,
          editableUntil: editableUntil(previous.answeredAt),
          readOnly: editableUntil(previous.answeredAt).getTime() <= now,
        }
      : null,
  };
}
export type SurveyForm = Awaited<ReturnType<typeof getSurveyForm>>;

/**
 * Records the customer's answer (no login: the signed token names survey and customer). One answer per customer per
 * survey: a second submission changes it within 24 h of the first, after that the answer is read-only (409).
 */
export async function answerSurvey(token: string, input: unknown, now = Date.now()) {
  const { t, survey, customer } = await load(token, now);
  const kind = survey.kind as SurveyKind;
  const a = parseInput(answerSchema(kind), input);
  const comment = survey.allowComment ? a.comment : null;
  const previous = await responseOf(db, survey.id, customer.id);
  const locked = () => new AppError('CONFLICT', 'surveys.errors.locked');
  if (previous) {
    const changed = await updateResponse(db, previous.id, new Date(now - CHANGE_WINDOW_MS), {
      score: a.score,
      comment,
    });
    if (!changed) throw locked();
    return { score: a.score, comment, editableUntil: editableUntil(previous.answeredAt) };
  }
  const variant = await assignedVariant(db, survey.campaignId, customer.id);
  const answeredAt = new Date(now);
  try {
    await insertResponse(db, {
      surveyId: survey.id,
      customerId: customer.id,
      variantId: variant?.variantId ?? null,
      model: t.m,
      score: a.score,
      comment,
      answeredAt,
    });
  } catch {
    // a second tab answering at the same moment hit the unique (survey, customer): that answer stands
    throw new AppError('CONFLICT', 'surveys.errors.answeredTwice');
  }
  return { score: a.score, comment, editableUntil: editableUntil(answeredAt) };
}
