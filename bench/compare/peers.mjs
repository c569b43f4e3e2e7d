// The peers' side of the comparison (scripts/compare.sh): times each npm
// tool's analysis call alone over the corpus and scores it on cs_dev.jsonl
// where the question applies. Prints one JSON object per tool.
//   node peers.mjs PEERS_DIR CORPUS.jsonl [CS_DEV.jsonl]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const [peersDir, corpusPath, devPath] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(peersDir), 'package.json'));
const readJsonl = (p) => readFileSync(p, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const corpus = readJsonl(corpusPath).map((j) => j.text);
const bytes = corpus.reduce((n, t) => n + Buffer.byteLength(t), 0);
const dev = devPath ? readJsonl(devPath) : [];

const vader = require('vader-sentiment');
const Sentiment = require('sentiment');
const afinn = new Sentiment();
const wink = require('wink-sentiment');
const writeGood = require('write-good');
const alexUrl = pathToFileURL(require.resolve('alex')).href;
const { text: alexText } = await import(alexUrl);

// Each tool: the call timed, and how its output answers the two questions.
const tools = [
  { tool: 'vader-sentiment', run: (t) => vader.SentimentIntensityAnalyzer.polarity_scores(t).compound,
    sentiment: (t) => vader.SentimentIntensityAnalyzer.polarity_scores(t).compound },
  { tool: 'sentiment (AFINN)', run: (t) => afinn.analyze(t).score,
    sentiment: (t) => afinn.analyze(t).comparative },
  { tool: 'wink-sentiment', run: (t) => wink(t).normalizedScore,
    sentiment: (t) => wink(t).normalizedScore },
  { tool: 'write-good', run: (t) => writeGood(t).length, flags: (t) => writeGood(t).length > 0 },
  { tool: 'alex', run: (t) => alexText(t).messages.length, flags: (t) => alexText(t).messages.length > 0 },
];

const sign = (x) => (x >= 0.05 ? 'pos' : x <= -0.05 ? 'neg' : 'neu');

for (const t of tools) {
  for (const s of corpus.slice(0, 200)) t.run(s);  // warm up the JIT
  let rounds = 0;
  let sink = 0;
  const start = process.hrtime.bigint();
  let seconds = 0;
  do {
    for (const s of corpus) sink += Number(t.run(s)) || 0;
    rounds += 1;
    seconds = Number(process.hrtime.bigint() - start) / 1e9;
  } while (seconds < 2.0);
  const out = { tool: t.tool, messages_per_s: (rounds * corpus.length) / seconds,
                mb_per_s: (rounds * bytes) / seconds / 1e6, sink };
  if (dev.length && t.sentiment) {
    const customers = dev.filter((d) => d.role === 'customer');
    out.sentiment_accuracy = customers.filter((d) => sign(t.sentiment(d.text)) === d.sentiment).length / customers.length;
  }
  if (dev.length && t.flags) {
    let tp = 0, fp = 0, fn = 0, tn = 0;
    for (const d of dev.filter((x) => x.role === 'agent')) {
      const f = t.flags(d.text);
      const truth = d.triggers.length > 0;
      if (f && truth) tp++; else if (f) fp++; else if (truth) fn++; else tn++;
    }
    out.flag_precision = tp + fp ? tp / (tp + fp) : 0;
    out.flag_recall = tp + fn ? tp / (tp + fn) : 0;
    out.flag_accuracy = (tp + tn) / (tp + fp + fn + tn);
  }
  console.log(JSON.stringify(out));
}
