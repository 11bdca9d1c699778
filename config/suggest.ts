/** Levenshtein distance, case-insensitive. */
export function editDistance(first: string, second: string): number {
    const source = first.toLowerCase();
    const target = second.toLowerCase();
    // previousRow[j]: the distance between the source's first i-1 characters and the target's first j.
    let previousRow = Array.from({ length: target.length + 1 }, (_, j) => j);
    for (let i = 1; i <= source.length; i++) {
        const currentRow = [i];
        for (let j = 1; j <= target.length; j++) {
            const substitution = source[i - 1] === target[j - 1] ? 0 : 1;
            currentRow[j] = Math.min(previousRow[j] + 1, currentRow[j - 1] + 1, previousRow[j - 1] + substitution);
        }
        previousRow = currentRow;
    }
    return previousRow[target.length];
}

/**
 * The candidate closest to `word`, if it is close enough to be a likely typo. A word that begins exactly one
 * candidate (a name cut short: `latencyCritical` for `latencyCriticalSeconds`) suggests that candidate.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
    const lower = word.toLowerCase();
    const completions = candidates.filter(
        (candidate) =>
            lower.length >= 4 && candidate.length > lower.length && candidate.toLowerCase().startsWith(lower),
    );
    if (completions.length === 1) return completions[0];
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const candidate of candidates) {
        const distance = editDistance(word, candidate);
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    const limit = Math.max(2, Math.floor(word.length / 3));
    return bestDistance <= limit ? best : undefined;
}
