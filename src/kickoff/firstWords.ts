/**
 * The requester's first words, posted on the kickoff card. Far below Teams' ~28 KB message limit,
 * and long enough for a real opening message; longer input is refused with a clear message.
 */
export const FIRST_WORDS_MAX_LENGTH = 2000;
