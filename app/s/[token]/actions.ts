'use server';
import { runAction } from '@/app/_server/action';
import { answerSurvey } from '@/lib/services/surveys';

/** The hosted survey page's form: no session; the signed token in the link names survey and customer. */
export async function answerSurveyAction(token: string, input: { score: number | null; comment: string }) {
  return runAction(() => answerSurvey(token, input));
}
