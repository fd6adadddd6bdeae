// danfojs-node requires '@tensorflow/tfjs-node'; hand it the project's own tfjs (lib/tf picks the backend).
module.exports = require('@tensorflow/tfjs');
