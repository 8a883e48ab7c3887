// FSRS scheduling of practice cards through ts-fsrs (ADR 034). Pure: a stored card and a
// rating in, the next stored card out.
import { createEmptyCard, fsrs, Rating, type Card, type Grade } from 'ts-fsrs'

/** Fuzz spreads due dates of cards reviewed together, so a day's mistakes do not all return at once. */
const scheduler = fsrs({ enable_fuzz: true, request_retention: 0.9, maximum_interval: 365 })

export type StoredCard = {
	due: Date
	stability: number
	difficulty: number
	elapsedDays: number
	scheduledDays: number
	learningSteps: number
	reps: number
	lapses: number
	state: number
	lastReview: Date | null
}

function toFsrs(card: StoredCard): Card {
	return {
		due: card.due,
		stability: card.stability,
		difficulty: card.difficulty,
		elapsed_days: card.elapsedDays,
		scheduled_days: card.scheduledDays,
		learning_steps: card.learningSteps,
		reps: card.reps,
		lapses: card.lapses,
		state: card.state,
		last_review: card.lastReview ?? undefined,
	}
}

function fromFsrs(card: Card): StoredCard {
	return {
		due: card.due,
		stability: card.stability,
		difficulty: card.difficulty,
		elapsedDays: card.elapsed_days,
		scheduledDays: card.scheduled_days,
		learningSteps: card.learning_steps,
		reps: card.reps,
		lapses: card.lapses,
		state: card.state,
		lastReview: card.last_review ?? null,
	}
}

/** A card never reviewed, due at once. */
export function newCard(now: Date): StoredCard {
	return fromFsrs(createEmptyCard(now))
}

export const RATINGS = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy } as const
export type RatingName = keyof typeof RATINGS

export function reviewCard(card: StoredCard, rating: RatingName, now: Date): StoredCard {
	return fromFsrs(scheduler.next(toFsrs(card), now, RATINGS[rating] as Grade).card)
}

/** Wrong → again, partly right → hard, right → good. */
export function ratingForResult({ isCorrect, score }: { isCorrect: boolean; score: number }): RatingName {
	if (isCorrect) return 'good'
	return score > 0 ? 'hard' : 'again'
}
