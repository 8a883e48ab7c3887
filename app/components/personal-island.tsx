// The reader's own part of a page served from the shared-document cache (ADR 036): the HTML is
// the same for every reader with the same roles, and this JSON island, written per request,
// carries who they are and how far they got. Components read it only after hydration, so the
// first client render matches the shared HTML exactly.
import { useSyncExternalStore } from 'react'
import type { LessonPersonal } from '#app/courses/learner.ts'

export const PERSONAL_ISLAND_ID = 'hongshen-personal'

export type ShellIdentity = { name: string; username: string; unitName: string }

export type PersonalIsland = { identity: ShellIdentity; lesson: LessonPersonal | null }

/** The island as it goes into the page; `<` is escaped so no text in it can close the script. */
export function personalIslandScript(island: PersonalIsland) {
	return `<script id="${PERSONAL_ISLAND_ID}" type="application/json">${JSON.stringify(island).replace(/</g, '\\u003c')}</script>`
}

let parsed: { island: PersonalIsland | null } | undefined

function readIsland() {
	if (!parsed) {
		const text = document.getElementById(PERSONAL_ISLAND_ID)?.textContent
		parsed = { island: text ? (JSON.parse(text) as PersonalIsland) : null }
	}
	return parsed.island
}

const noSubscription = () => () => {}

/** Null on the server and while hydrating; then the island, if the page came with one. */
export function usePersonalIsland() {
	return useSyncExternalStore(noSubscription, readIsland, () => null)
}
