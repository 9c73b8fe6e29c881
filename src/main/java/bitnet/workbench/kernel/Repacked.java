package bitnet.workbench.kernel;

/** A weight matrix copied at load time into a layout one kernel reads faster (off-heap; the file is untouched). */
public sealed interface Repacked permits LutMatrix, Int8Head {
    /** Off-heap bytes held. */
    long byteSize();
}
