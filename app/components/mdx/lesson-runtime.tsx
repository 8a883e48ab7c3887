// What the lesson components need from the page around them: the 共性问题 entries their
// <ProblemCard>s name, and how knowledge checks are answered (live on a lesson page, inert
// in the editor's preview).
import { createContext, useContext } from 'react'
import type { ProblemCardData } from '#app/courses/problems.ts'

export type { ProblemCardData }

export type CheckResultView = { choice: string[]; correct: boolean; answer: string[]; explanation: string }

export type CheckRuntime =
	| { mode: 'preview' }
	| {
			mode: 'live'
			/** The route that records answers; a plain form post works without JavaScript. */
			action: string
			versionId: string
			answered: Record<string, CheckResultView>
			/** With JavaScript the page submits in place instead of navigating. */
			submit?: (form: HTMLFormElement) => void
			pendingKey?: string | null
			/** The server's refusal of the last answer, by check id. */
			errors?: Record<string, string>
	  }

export type LessonRuntime = { problems: Record<string, ProblemCardData>; checks: CheckRuntime }

const LessonRuntimeContext = createContext<LessonRuntime>({ problems: {}, checks: { mode: 'preview' } })

export const LessonRuntimeProvider = LessonRuntimeContext.Provider

export function useLessonRuntime() {
	return useContext(LessonRuntimeContext)
}
