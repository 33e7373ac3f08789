//go:build !purego

#include "textflag.h"

// func keyBlocksFind(b []byte, nb int, nul bool) int
//
// For each position i of 32-byte blocks: b[i:i+4] == "rror" and b[i+4] is
// 'C', or is '_' with b[i+7] == 'd' ("rror_code"), or is '"' with b[i+5] a
// colon or at most a space ("error" as a key); or, if nul is set, b[i] == 0. The lowest matching position is returned, or -1. VEX encoding
// throughout: a legacy SSE instruction with the upper halves of the Y
// registers dirty costs a state transition of hundreds of cycles.
TEXT ·keyBlocksFind(SB), NOSPLIT, $0-48
	MOVQ b_base+0(FP), SI
	MOVQ nb+24(FP), DX
	SHLQ $5, DX
	XORQ CX, CX
	TESTQ DX, DX
	JLE none

	MOVQ $0x72, AX // 'r'
	VMOVQ AX, X1
	VPBROADCASTB X1, Y1
	MOVQ $0x6f, AX // 'o'
	VMOVQ AX, X2
	VPBROADCASTB X2, Y2
	MOVQ $0x5f, AX // '_'
	VMOVQ AX, X3
	VPBROADCASTB X3, Y3
	MOVQ $0x64, AX // 'd'
	VMOVQ AX, X4
	VPBROADCASTB X4, Y4
	MOVQ $0x43, AX // 'C'
	VMOVQ AX, X5
	VPBROADCASTB X5, Y5
	MOVQ $0x22, AX // '"'
	VMOVQ AX, X6
	VPBROADCASTB X6, Y6
	MOVQ $0x3a, AX // ':'
	VMOVQ AX, X14
	VPBROADCASTB X14, Y14
	MOVQ $0x20, AX // ' '
	VMOVQ AX, X15
	VPBROADCASTB X15, Y15
	VPXOR Y0, Y0, Y0
	MOVBQZX nul+32(FP), AX
	NEGQ AX // all ones if nul
	VMOVQ AX, X13
	VPBROADCASTQ X13, Y13

loop:
	PREFETCHT0 4096(SI)(CX*1)
	VMOVDQU (SI)(CX*1), Y7
	VPCMPEQB Y7, Y1, Y8
	VPCMPEQB 1(SI)(CX*1), Y1, Y9
	VPAND Y9, Y8, Y8
	VPCMPEQB 2(SI)(CX*1), Y2, Y9
	VPAND Y9, Y8, Y8
	VPCMPEQB 3(SI)(CX*1), Y1, Y9
	VPAND Y9, Y8, Y8
	// Y11: what follows "rror" makes a key.
	VMOVDQU 4(SI)(CX*1), Y10
	VPCMPEQB Y10, Y3, Y11
	VPCMPEQB 7(SI)(CX*1), Y4, Y9
	VPAND Y9, Y11, Y11
	VPCMPEQB Y10, Y5, Y9
	VPOR Y9, Y11, Y11
	VMOVDQU 5(SI)(CX*1), Y12
	VPMINUB Y12, Y15, Y9
	VPCMPEQB Y9, Y12, Y9
	VPCMPEQB Y12, Y14, Y12
	VPOR Y12, Y9, Y9
	VPCMPEQB Y10, Y6, Y12
	VPAND Y12, Y9, Y9
	VPOR Y9, Y11, Y11
	VPAND Y11, Y8, Y8
	VPCMPEQB Y7, Y0, Y12
	VPAND Y13, Y12, Y12
	VPOR Y12, Y8, Y8
	VPMOVMSKB Y8, BX
	TESTL BX, BX
	JNZ found
	ADDQ $32, CX
	CMPQ CX, DX
	JLT loop

	VZEROUPPER
none:
	MOVQ $-1, ret+40(FP)
	RET

found:
	BSFL BX, BX
	ADDQ CX, BX
	VZEROUPPER
	MOVQ BX, ret+40(FP)
	RET

// func hasAVX2() bool
TEXT ·hasAVX2(SB), NOSPLIT, $0-1
	XORL AX, AX
	XORL CX, CX
	CPUID
	CMPL AX, $7
	JLT no
	MOVL $1, AX
	XORL CX, CX
	CPUID
	// OSXSAVE (bit 27) and AVX (bit 28) of ECX.
	ANDL $0x18000000, CX
	CMPL CX, $0x18000000
	JNE no
	// The OS saves the XMM and YMM state (XCR0 bits 1 and 2).
	XORL CX, CX
	XGETBV
	ANDL $6, AX
	CMPL AX, $6
	JNE no
	MOVL $7, AX
	XORL CX, CX
	CPUID
	// AVX2: bit 5 of EBX.
	SHRL $5, BX
	ANDL $1, BX
	MOVB BX, ret+0(FP)
	RET
no:
	MOVB $0, ret+0(FP)
	RET

