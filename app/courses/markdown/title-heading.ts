// A document that starts with `# 标题` equal to its front-matter title would show the title
// twice (the lesson page prints the title itself): that first H1 is dropped. Equal means equal
// after NFKC (full-width and half-width forms alike), with whitespace runs made one space and
// whitespace and punctuation at the end ignored: `# 预算法概述。` matches `title: 预算法概述`.
import type { Root } from 'mdast'
import { toString } from 'mdast-util-to-string'

export function normalizedTitle(text: string) {
	return text
		.normalize('NFKC')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/[\p{P}\s]+$/u, '')
}

/** Leading nodes that a reader does not see: front matter and HTML comments. */
function isInvisible(node: Root['children'][number]) {
	return node.type === 'yaml' || (node.type === 'html' && /^\s*<!--[\s\S]*-->\s*$/.test(node.value))
}

export function remarkDropTitleHeading(title: string | undefined) {
	const wanted = normalizedTitle(title ?? '')
	return function transform(tree: Root) {
		if (!wanted) return
		const index = tree.children.findIndex((node) => !isInvisible(node))
		const first = tree.children[index]
		if (first?.type === 'heading' && first.depth === 1 && normalizedTitle(toString(first)) === wanted) {
			tree.children.splice(index, 1)
		}
	}
}
