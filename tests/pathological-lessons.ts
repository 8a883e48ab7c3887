// Lesson bodies that made the MDX parser run for minutes on the request thread (issue 8,
// item 4), and variants of each that fit under the size limit, so the markup limits and not
// only the length limit are exercised. Shared by the vitest suite and the e2e test.
const repeat = (text: string, count: number) => text.repeat(count)

export const PATHOLOGICAL_BODIES: { name: string; body: string }[] = [
	{ name: '32 KB nested emphasis (16,000 * + x + 16,000 *)', body: `${repeat('*', 16_000)}x${repeat('*', 16_000)}` },
	{ name: '64 KB nested emphasis', body: `${repeat('*', 32_000)}x${repeat('*', 32_000)}` },
	{ name: '32 KB nested underscores', body: `${repeat('_', 16_000)}x${repeat('_', 16_000)}` },
	{ name: '100 KB of brackets', body: repeat('[', 100_000) },
	{ name: '50 KB of brackets', body: repeat('[', 50_000) },
	{ name: '140,000 >', body: `${repeat('>', 140_000)} x` },
	{ name: '50,000 >', body: `${repeat('>', 50_000)} x` },
	{ name: '20,000 nested bullets on one line', body: `${repeat('- ', 20_000)}x` },
	{ name: 'a list nested 300 deep by indentation', body: Array.from({ length: 300 }, (_, depth) => `${repeat('  ', depth)}- x`).join('\n') },
	{ name: '45 KB of short emphasis in one paragraph', body: repeat('*a ', 15_000) },
	{ name: '45 KB of link labels in one paragraph', body: repeat('[a]', 15_000) },
	{ name: '40 KB of code-span backticks', body: repeat('`a', 20_000) },
	{ name: '45 KB of expressions', body: repeat('{1}', 15_000) },
	{ name: '45 KB of unclosed JSX tags', body: repeat('<b>', 15_000) },
	{ name: '40,000 ampersands', body: repeat('&', 40_000) },
	{ name: 'a paragraph of 30,000 lines', body: repeat('a\n', 30_000) },
]

/**
 * Passes every markup limit yet takes the parser seconds: thirty paragraphs of dense
 * emphasis, each just under the per-paragraph limit. Only a worker keeps this off the
 * request thread, and only a time limit can stop it.
 */
export const SLOW_BUT_ALLOWED_BODY = repeat(`${repeat('*a ', 650)}\n\n`, 30)
