// natural's deep modules ship without types; we import only the parts we use (the full
// `natural` import costs ~0.4 s and pulls in dotenv, which writes to stdout).
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}
declare module 'natural/lib/natural/util/stopwords.js' {
  const stopwords: { words: string[] };
  export default stopwords;
}
declare module 'natural/lib/natural/distance/levenshtein_distance.js' {
  const LevenshteinDistance: (a: string, b: string, options?: object) => number;
  export default LevenshteinDistance;
}
