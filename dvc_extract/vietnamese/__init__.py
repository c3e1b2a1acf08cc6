"""What Vietnamese text looks like, for every stage that reads it: ingest (legacy fonts
decoded, garbled text layers told apart) and the text stage (repair).

    syllable        the syllable: letters, marks, structure and validity
    legacy          legacy 8-bit encodings (TCVN3, VNI, VISCII, Windows-1258) -> Unicode
    legacy_encode   Unicode -> TCVN3 / VNI, for building test documents
    lm              a 4-gram Kneser-Ney language model over syllables (and its word list)
"""
