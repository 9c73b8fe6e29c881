package bitnet.workbench.kernel;

/**
 * The int8 codes of one input reordered for a {@link TwoBitLayout}, as 16-bit lanes, with the sums
 * the kernels subtract: a 2-bit kernel computes Σ code·q and the weights are code − 1, so
 * Σ weight·q = Σ code·q − Σ q. Kept in {@link QuantizedActivations#derived} and rebuilt only when
 * the input or the layout changes.
 */
final class I8Input {
    TwoBitLayout layout;
    short[] codes = new short[0];
    /** Σ q over the columns the vector loop covers. */
    int vectorSum;
    /** Σ q per block of 256 columns (TQ2_0's block). */
    int[] blockSums = new int[0];

    static I8Input of(QuantizedActivations x, TwoBitLayout layout) {
        I8Input in = x.derived instanceof I8Input p ? p : new I8Input();
        if (in.layout == layout && x.derivedVersion == x.version()) return in;
        in.fill(x, layout);
        x.derived = in;
        x.derivedVersion = x.version();
        return in;
    }

    private void fill(QuantizedActivations x, TwoBitLayout layout) {
        int[] order = layout.order();
        if (codes.length < order.length) codes = new short[order.length];
        byte[] q = x.codes();
        int sum = 0;
        for (int k = 0; k < order.length; k++) {
            byte v = q[order[k]];
            codes[k] = v;
            sum += v;
        }
        vectorSum = sum;
        int blocks = layout.cols() / 256;
        if (blockSums.length < blocks) blockSums = new int[blocks];
        for (int b = 0; b < blocks; b++) {
            int s = 0;
            for (int j = b * 256; j < (b + 1) * 256; j++) s += q[j];
            blockSums[b] = s;
        }
        this.layout = layout;
    }
}
