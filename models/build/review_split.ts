// Prints notebook 1's split of data/restaurant_reviews.csv as JSON { train, val, test } (row indices):
// 20 % test, then 15 % of the rest for validation, seed 42, stratified, exactly as 1_RNN.ipynb and
// 3_Bert_transformers.ipynb split it. build_tasks.py trains the offline sentiment and NLI models on
// train + val only, so the notebooks' test accuracies are on reviews those models never saw.
//   node --import tsx models/build/review_split.ts
import { loadReviewRows, labelToNumber } from '../../lib/data';
import { trainTestSplit } from '../../lib/text';

const rows = loadReviewRows();
const ids = rows.map((_, i) => i);
const y = rows.map((r) => labelToNumber(r.label));
const testSplit = trainTestSplit(ids, y, { testSize: 0.2, seed: 42, stratify: true });
const valSplit = trainTestSplit(testSplit.XTrain, testSplit.yTrain, { testSize: 0.15, seed: 42, stratify: true });
console.log(JSON.stringify({ train: valSplit.XTrain, val: valSplit.XTest, test: testSplit.XTest }));
