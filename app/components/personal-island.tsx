// Reading the reader's own part of a page served from the shared-document cache (ADR 036).
// The island's id, shape and serializer live in app/courses/personal-island.ts (the server
// writes it there); components read it only after hydration, so the first client render
// matches the shared HTML exactly.
import { useSyncExternalStore } from 'react'
import { PERSONAL_ISLAND_ID, type PersonalIsland } from '#app/courses/personal-island.ts'

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
