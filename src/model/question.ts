/** What a question may be, and what a conversation is about after one is answered. */

/** Longer questions are cut here (a pasted page is no question); rewritten ones must fit too. */
export const MAX_QUESTION_CHARS = 1000;

/** The unit an answer was about: the subject of follow-up questions ("còn khoản 3 thì sao?"). */
export interface Focus {
  docId: string;
  /** The unit's index in its document. */
  unit: number;
}
