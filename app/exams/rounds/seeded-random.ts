// A small deterministic generator so a paper's draw and shuffles can be replayed from the
// seed stored on the attempt. Not for secrets: the seed itself comes from crypto.
export type Random = () => number

// cyrb128 spreads a string seed over 128 bits; sfc32 turns them into a stream.
function cyrb128(seed: string): [number, number, number, number] {
	let h1 = 1779033703
	let h2 = 3144134277
	let h3 = 1013904242
	let h4 = 2773480762
	for (let i = 0; i < seed.length; i++) {
		const k = seed.charCodeAt(i)
		h1 = h2 ^ Math.imul(h1 ^ k, 597399067)
		h2 = h3 ^ Math.imul(h2 ^ k, 2869860233)
		h3 = h4 ^ Math.imul(h3 ^ k, 951274213)
		h4 = h1 ^ Math.imul(h4 ^ k, 2716044179)
	}
	h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067)
	h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233)
	h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213)
	h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179)
	h1 ^= h2 ^ h3 ^ h4
	h2 ^= h1
	h3 ^= h1
	h4 ^= h1
	return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0]
}

export function createRandom(seed: string): Random {
	let [a, b, c, d] = cyrb128(seed)
	return () => {
		a |= 0
		b |= 0
		c |= 0
		d |= 0
		const t = (((a + b) | 0) + d) | 0
		d = (d + 1) | 0
		a = b ^ (b >>> 9)
		b = (c + (c << 3)) | 0
		c = (c << 21) | (c >>> 11)
		c = (c + t) | 0
		return (t >>> 0) / 4294967296
	}
}

/** Fisher–Yates on a copy. */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
	const result = items.slice()
	for (let i = result.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1))
		;[result[i], result[j]] = [result[j]!, result[i]!]
	}
	return result
}

/** A uniformly random subset of `count` items, in random order. */
export function sample<T>(items: readonly T[], count: number, random: Random): T[] {
	return shuffled(items, random).slice(0, count)
}
