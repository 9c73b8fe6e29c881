package bitnet.workbench.model;

import bitnet.workbench.ShippedModels;
import bitnet.workbench.bench.ProcessMemory;
import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.kernel.LutKernel;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Once a repacking kernel has copied the weights, the file's own pages are no longer part of the
 * process's resident set: only what a forward pass reads again (embedding rows, a head read in
 * place) comes back.
 */
class FileResidencyTest {
    @Test
    void afterRepackingTheMappedFileIsNotResident() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/smaps")), "needs /proc");
        assumeTrue(bitnet.workbench.kernel.Kernels.byName(LutKernel.NAME).repacksTernary(), "the lookup kernel repacks only with 512-bit vectors");
        Path model = ShippedModels.firstModel(ShippedModels.dir()).orElseThrow();
        try (GgufFile file = GgufFile.open(model)) {
            var mapping = file.mapping();
            ProcessMemory memory = new ProcessMemory(model, mapping.address(), mapping.byteSize());
            mapping.load();
            long before = memory.snapshot().mappedFileBytes();
            assertThat(before).as("resident after touching every page").isGreaterThan(mapping.byteSize() / 2);

            // the int8 head too: the shipped model's F16 head would otherwise be read in place
            ModelOptions options = ModelOptions.defaults().withKernel(LutKernel.NAME).withOutputHead(OutputHead.INT8);
            try (TransformerModel m = ModelLoader.load(file, options); TransformerSequence s = m.newSequence()) {
                long afterLoad = memory.snapshot().mappedFileBytes();
                s.append(new int[] {1, 2, 3}, 0, 3, new float[m.vocabSize()]);
                long afterTokens = memory.snapshot().mappedFileBytes();
                assertThat(afterLoad).as("resident bytes of the %d-byte file after repacking", mapping.byteSize()).isLessThan(mapping.byteSize() / 10);
                assertThat(afterTokens).as("after three tokens").isLessThan(mapping.byteSize() / 10);
            }
        }
    }
}
