/**
 * Reply grammar compile time in WebLLM's grammar engine (@mlc-ai/web-xgrammar, the wasm web-llm
 * 0.2.86 bundles), as each agent worker pays it once per model load: the decoding schema against a
 * trivial schema, with byte-level vocabularies of 32k tokens and of Qwen's 151,936. Each figure is
 * the median of fresh compilers with their cache off; one compile before timing warms the wasm.
 */
import { performance } from 'node:perf_hooks';
import { ACTION_JSON_SCHEMA } from '../../src/core/protocol/schema';
import { loadXGrammar } from '../fixtures/grammar/loadXGrammar';
import { QWEN_VOCAB_SIZE, syntheticVocab } from '../fixtures/grammar/syntheticVocab';
import { atMost, info, median, type Figure } from './figures';

const GROUP = '5. Reply grammar compile (xgrammar)';

/** The smallest schema with a free-text field: what "trivial" is measured as. */
export const TRIVIAL_SCHEMA = '{"type":"object","properties":{"answer":{"type":"string"}},"required":["answer"],"additionalProperties":false}';
/** A schema without any string, for reference: its grammar has almost nothing to compile. */
const BOOLEAN_SCHEMA = '{"type":"object","properties":{"ok":{"type":"boolean"}},"required":["ok"],"additionalProperties":false}';

export interface GrammarBenchOptions {
  runs?: number;
  vocabSizes?: number[];
}

export async function runGrammarBench(o: GrammarBenchOptions = {}): Promise<{ figures: Figure[]; raw: Record<string, unknown> }> {
  const xg = loadXGrammar();
  const runs = o.runs ?? 5;
  const figures: Figure[] = [];
  const raw: Record<string, unknown> = {};
  for (const size of o.vocabSizes ?? [32_000, QWEN_VOCAB_SIZE]) {
    const vocab = syntheticVocab(size);
    const info_ = await xg.TokenizerInfo.createTokenizerInfo(vocab.tokens, 'byte_level', false, vocab.tokens.length, vocab.stopTokenIds);
    const time = async (schema: string | null): Promise<number[]> => {
      const out: number[] = [];
      for (let i = 0; i < runs; i++) {
        const compiler = await xg.GrammarCompiler.createGrammarCompiler(info_, false);
        const t = performance.now();
        const compiled = schema === null ? await compiler.compileBuiltinJSONGrammar() : await compiler.compileJSONSchema(schema);
        out.push(performance.now() - t);
        compiled.dispose();
        compiler.dispose();
      }
      return out;
    };
    await time(TRIVIAL_SCHEMA);
    const trivial = await time(TRIVIAL_SCHEMA);
    const ours = await time(ACTION_JSON_SCHEMA);
    const bool = await time(BOOLEAN_SCHEMA);
    const json = await time(null);
    info_.dispose();
    const k = `${Math.round(size / 1000)}k`;
    const tMed = median(trivial);
    const oMed = median(ours);
    figures.push(info(GROUP, `trivial schema (one string field), ${k} vocab`, tMed, 'ms'));
    figures.push(atMost(GROUP, `step reply schema, ${k} vocab`, oMed, 'ms', 10 * tMed, `= ${(oMed / tMed).toFixed(1)} x trivial; target 10 x trivial`));
    figures.push(info(GROUP, `boolean-only schema, ${k} vocab`, median(bool), 'ms', `step reply schema = ${(oMed / median(bool)).toFixed(0)} x this`));
    figures.push(info(GROUP, `any JSON (json_object without a schema), ${k} vocab`, median(json), 'ms'));
    raw[`vocab${size}`] = { trivialMs: trivial, oursMs: ours, booleanMs: bool, anyJsonMs: json };
  }
  return { figures, raw };
}
