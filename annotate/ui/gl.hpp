#pragma once
// The few OpenGL calls the editor makes itself (textures, read-back), fetched through
// SDL_GL_GetProcAddress so the same code runs under GLX and EGL (SDL's offscreen driver).
#include <cstdint>

namespace kotsu::annotate::ui::gl {

using GLuint = unsigned int;
using GLint = int;
using GLenum = unsigned int;
using GLsizei = int;

inline constexpr GLenum kTexture2D = 0x0DE1;
inline constexpr GLenum kRGBA = 0x1908;
inline constexpr GLenum kUnsignedByte = 0x1401;
inline constexpr GLenum kTextureMinFilter = 0x2801;
inline constexpr GLenum kTextureMagFilter = 0x2800;
inline constexpr GLenum kLinear = 0x2601;
inline constexpr GLenum kTextureWrapS = 0x2802;
inline constexpr GLenum kTextureWrapT = 0x2803;
inline constexpr GLenum kClampToEdge = 0x812F;
inline constexpr GLenum kUnpackAlignment = 0x0CF5;
inline constexpr GLenum kPackAlignment = 0x0D05;
inline constexpr GLenum kColorBufferBit = 0x4000;
inline constexpr GLenum kUnpackRowLength = 0x0CF2;

struct Functions {
    void (*GenTextures)(GLsizei, GLuint*) = nullptr;
    void (*DeleteTextures)(GLsizei, const GLuint*) = nullptr;
    void (*BindTexture)(GLenum, GLuint) = nullptr;
    void (*TexParameteri)(GLenum, GLenum, GLint) = nullptr;
    void (*TexImage2D)(GLenum, GLint, GLint, GLsizei, GLsizei, GLint, GLenum, GLenum, const void*) = nullptr;
    void (*TexSubImage2D)(GLenum, GLint, GLint, GLint, GLsizei, GLsizei, GLenum, GLenum, const void*) = nullptr;
    void (*PixelStorei)(GLenum, GLint) = nullptr;
    void (*ReadPixels)(GLint, GLint, GLsizei, GLsizei, GLenum, GLenum, void*) = nullptr;
    void (*Finish)() = nullptr;
    void (*Viewport)(GLint, GLint, GLsizei, GLsizei) = nullptr;
    void (*ClearColor)(float, float, float, float) = nullptr;
    void (*Clear)(GLenum) = nullptr;
};

// Loads the functions of the current context; false when one is missing.
bool load();
const Functions& fn();

// An RGBA texture, move-only.
class Texture {
public:
    Texture() = default;
    Texture(Texture&& o) noexcept : id_(o.id_), w_(o.w_), h_(o.h_) { o.id_ = 0; }
    Texture& operator=(Texture&& o) noexcept;
    Texture(const Texture&) = delete;
    Texture& operator=(const Texture&) = delete;
    ~Texture();

    void upload(int width, int height, const std::uint8_t* rgba);
    [[nodiscard]] GLuint id() const { return id_; }
    [[nodiscard]] int width() const { return w_; }
    [[nodiscard]] int height() const { return h_; }
    [[nodiscard]] bool valid() const { return id_ != 0; }

private:
    GLuint id_ = 0;
    int w_ = 0, h_ = 0;
};

}  // namespace kotsu::annotate::ui::gl
